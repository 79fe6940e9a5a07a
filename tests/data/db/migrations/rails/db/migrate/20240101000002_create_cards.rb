class CreateCards < ActiveRecord::Migration[7.1]
  def change
    create_table :cards do |t|
      t.references :customer, null: false, foreign_key: true
      t.text :pan_token, null: false
    end
  end
end
